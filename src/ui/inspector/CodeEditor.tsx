import { javascript } from "@codemirror/lang-javascript";
import { type Diagnostic, linter, lintGutter } from "@codemirror/lint";
import { EditorView, basicSetup } from "codemirror";
import { useEffect, useRef } from "react";
import { LambdaCodeError, analyzeLambda } from "../../graph/index.ts";

/** Lambda code in CodeMirror 6: JavaScript highlighting and syntax errors inline as you type. */
export default function CodeEditor({
  value,
  onChange,
  label,
}: {
  value: string;
  onChange: (v: string) => void;
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      doc: value,
      parent: host.current,
      extensions: [
        basicSetup,
        javascript(),
        lintGutter(),
        linter(lambdaDiagnostics, { delay: 250 }),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) latest.current(u.state.doc.toString());
        }),
        EditorView.theme({
          "&": { fontSize: "12px", maxHeight: "320px" },
          ".cm-scroller": { overflow: "auto" },
        }),
      ],
    });
    view.current = v;
    return () => v.destroy();
    // The editor is created once per node; later values come from the editor itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // An outside change (undo, redo) replaces the editor's text.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  return (
    <div
      ref={host}
      className="overflow-hidden rounded-md border border-slate-300 dark:border-slate-700 [&_.cm-editor]:bg-white dark:[&_.cm-editor]:bg-slate-950"
    />
  );
}

function lambdaDiagnostics(view: EditorView): Diagnostic[] {
  const code = view.state.doc.toString();
  try {
    analyzeLambda(code);
    return [];
  } catch (err) {
    if (!(err instanceof LambdaCodeError)) return [];
    const line = view.state.doc.line(Math.min(Math.max(1, err.line), view.state.doc.lines));
    const from = Math.min(line.from + Math.max(0, err.column - 1), line.to);
    return [{ from, to: Math.min(from + 1, view.state.doc.length), severity: "error", message: err.message }];
  }
}
