import { SmallButton, TextArea } from "./controls.tsx";

/** A list of strings (stop sequences, scripted responses, document texts). */
export function ListField({
  label,
  value,
  onChange,
  rows = 2,
}: {
  label: string;
  value: string[];
  onChange: (v: string[]) => void;
  rows?: number;
}) {
  return (
    <div className="space-y-1">
      <span className="text-xs font-medium text-slate-600 dark:text-slate-300">{label}</span>
      {value.map((item, i) => (
        <div key={i} className="flex items-start gap-1">
          <TextArea
            aria-label={`${label} ${i + 1}`}
            rows={rows}
            value={item}
            onChange={(e) => onChange(value.map((v, j) => (j === i ? e.target.value : v)))}
          />
          <SmallButton
            aria-label={`Remove ${label} ${i + 1}`}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          >
            ✕
          </SmallButton>
        </div>
      ))}
      <SmallButton onClick={() => onChange([...value, ""])}>+ Add</SmallButton>
    </div>
  );
}
