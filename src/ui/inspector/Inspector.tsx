import { Suspense, lazy } from "react";
import {
  type ChainNode,
  type FieldDecl,
  NODE_DEFINITIONS,
  type NodeDefinition,
  displayName,
  cachedGraphProblems,
} from "../../graph/index.ts";
import { EmptyNote, Panel } from "../Panel.tsx";
import { useDocument, useServices } from "../services.tsx";
import { Field, Select, TextArea, TextInput } from "./controls.tsx";
import { getPath } from "./field-path.ts";
import { ProblemsList } from "./ProblemsList.tsx";
import { ListField } from "./ListField.tsx";
import { MessagesField, type PromptMessageValue } from "./MessagesField.tsx";

// CodeMirror loads only when a lambda is edited.
const CodeEditor = lazy(() => import("./CodeEditor.tsx"));

/** Models read their key from Settings; this takes the user there. */
function KeyLink() {
  const { ui } = useServices();
  return (
    <button
      type="button"
      className="text-[11px] text-cyan-700 underline dark:text-cyan-400"
      onClick={() => ui.setState({ settingsOpen: true })}
    >
      Set the API key in Settings
    </button>
  );
}

/** Edits the selected node; its form is generated from the node type's field declarations. */
export function Inspector() {
  const node = useDocument((s) =>
    s.selection.nodes.length === 1 ? s.doc.nodes.find((n) => n.id === s.selection.nodes[0]) : undefined,
  );
  const count = useDocument((s) => s.selection.nodes.length);
  return (
    <Panel label="Inspector" className="w-80 shrink-0 border-l border-slate-200 dark:border-slate-800">
      {node ? (
        <NodeForm key={node.id} node={node} />
      ) : (
        <div className="space-y-3">
          <EmptyNote>{count > 1 ? `${count} nodes selected.` : "Select a node to edit it."}</EmptyNote>
          <ProblemsList />
        </div>
      )}
    </Panel>
  );
}

function NodeForm({ node }: { node: ChainNode }) {
  const { actions } = useServices();
  const doc = useDocument((s) => s.doc);
  const def = NODE_DEFINITIONS[node.type] as unknown as NodeDefinition;
  const data = node.data as Record<string, unknown>;
  const index = doc.nodes.indexOf(node);
  const problems = cachedGraphProblems(doc).filter((p) => p.nodeId === node.id);
  const problemAt = (key: string) =>
    problems.find((p) => p.path.startsWith(`nodes[${index}].data.${key}`))?.message;
  return (
    <form className="space-y-3" onSubmit={(e) => e.preventDefault()}>
      <p className="text-xs text-slate-500 dark:text-slate-400">{def.description}</p>
      <Field label="Name">
        <TextInput
          value={node.name ?? ""}
          placeholder={displayName({ ...node, name: undefined })}
          onChange={(e) => actions.rename(node.id, e.target.value)}
        />
      </Field>
      {def.fields
        .filter((f) => !f.visible || f.visible(data))
        .map((f) => (
          <FieldEditor
            key={f.key}
            data={data}
            field={f}
            value={getPath(data, f.key)}
            error={problemAt(f.key)}
            onChange={(v) => actions.setData(node.id, f.key, v)}
          />
        ))}
    </form>
  );
}

function FieldEditor({
  field,
  value,
  error,
  onChange,
  data,
}: {
  data: Record<string, unknown>;
  field: FieldDecl;
  value: unknown;
  error: string | undefined;
  onChange: (v: unknown) => void;
}) {
  switch (field.kind) {
    case "messages":
      return (
        <MessagesField
          value={(value as PromptMessageValue[] | undefined) ?? []}
          mustache={data.templateFormat === "mustache"}
          onChange={onChange}
        />
      );
    case "string-list":
      return (
        <ListField label={field.label} value={(value as string[] | undefined) ?? []} onChange={onChange} />
      );
    case "documents": {
      const docs = (value as { pageContent: string }[] | undefined) ?? [];
      return (
        <ListField
          label={field.label}
          rows={3}
          value={docs.map((d) => d.pageContent)}
          onChange={(texts) => onChange(texts.map((t, i) => ({ ...docs[i], pageContent: t })))}
        />
      );
    }
    case "select":
      return (
        <Field
          label={field.label}
          help={field.help}
          error={error}
          extra={
            field.key === "provider" && data.provider !== "scripted" && data.provider !== "ollama" ? (
              <KeyLink />
            ) : undefined
          }
        >
          <Select
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value || undefined)}
          >
            {value === undefined && <option value="">(default)</option>}
            {field.options?.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </Select>
        </Field>
      );
    case "number":
      return (
        <Field label={field.label} help={field.help} error={error}>
          <TextInput
            type="number"
            value={typeof value === "number" ? value : ""}
            min={field.min}
            max={field.max}
            step={field.step}
            onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
          />
        </Field>
      );
    case "code":
      // Not a <label>: clicks inside the editor must stay in the editor.
      return (
        <div className="space-y-1">
          <span className="text-xs font-medium text-slate-600 dark:text-slate-300">{field.label}</span>
          <Suspense fallback={<TextArea rows={10} readOnly value={typeof value === "string" ? value : ""} />}>
            <CodeEditor
              label={field.label}
              value={typeof value === "string" ? value : ""}
              onChange={onChange}
            />
          </Suspense>
          <span className="block text-[11px] text-slate-400">
            A plain function gets the whole input; an async function* transforms the stream.
          </span>
          {error && (
            <span role="alert" className="block text-[11px] text-red-600 dark:text-red-400">
              {error}
            </span>
          )}
        </div>
      );
    case "textarea":
      return (
        <Field label={field.label} help={field.help} error={error}>
          <TextArea
            rows={4}
            spellCheck={false}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value)}
          />
        </Field>
      );
    default:
      return (
        <Field label={field.label} help={field.help} error={error}>
          <TextInput
            type={field.kind === "url" ? "url" : "text"}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value || undefined)}
          />
        </Field>
      );
  }
}
