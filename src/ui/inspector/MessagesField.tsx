import type { PromptRole } from "../../core/index.ts";
import { Select, SmallButton } from "./controls.tsx";
import { TemplateEditor } from "./TemplateEditor.tsx";

export interface PromptMessageValue {
  role: PromptRole;
  template: string;
}

const ROLES: PromptRole[] = ["system", "human", "ai", "placeholder"];

/** A prompt's messages: add, remove, reorder, a role per message, a template each. */
export function MessagesField({
  value,
  onChange,
  mustache = false,
}: {
  value: PromptMessageValue[];
  onChange: (v: PromptMessageValue[]) => void;
  mustache?: boolean;
}) {
  const update = (i: number, patch: Partial<PromptMessageValue>) =>
    onChange(value.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const move = (i: number, by: number) => {
    const next = [...value];
    const [m] = next.splice(i, 1);
    next.splice(i + by, 0, m!);
    onChange(next);
  };
  return (
    <div className="space-y-2">
      <span className="text-xs font-medium text-slate-600 dark:text-slate-300">Messages</span>
      {value.map((m, i) => (
        <div key={i} className="space-y-1 rounded-md border border-slate-200 p-2 dark:border-slate-700">
          <div className="flex items-center gap-1">
            <Select
              aria-label={`Role of message ${i + 1}`}
              value={m.role}
              onChange={(e) => update(i, { role: e.target.value as PromptRole })}
              className="w-28"
            >
              {ROLES.map((r) => (
                <option key={r}>{r}</option>
              ))}
            </Select>
            <span className="ml-auto" />
            <SmallButton
              aria-label={`Move message ${i + 1} up`}
              disabled={i === 0}
              onClick={() => move(i, -1)}
            >
              ↑
            </SmallButton>
            <SmallButton
              aria-label={`Move message ${i + 1} down`}
              disabled={i === value.length - 1}
              onClick={() => move(i, 1)}
            >
              ↓
            </SmallButton>
            <SmallButton
              aria-label={`Remove message ${i + 1}`}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              ✕
            </SmallButton>
          </div>
          <TemplateEditor
            label={`Template of message ${i + 1}`}
            rows={m.role === "placeholder" ? 1 : 3}
            value={m.template}
            mustache={mustache}
            onChange={(template) => update(i, { template })}
          />
        </div>
      ))}
      <SmallButton onClick={() => onChange([...value, { role: "human", template: "" }])}>
        + Add message
      </SmallButton>
    </div>
  );
}
