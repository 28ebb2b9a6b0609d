/** Saves text as a file through the browser's download. */
export function downloadText(filename: string, text: string, type = "application/json"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file name from a chain name: lower case, dashes, no odd characters. */
export function fileNameFor(name: string | undefined, ext: string): string {
  const base =
    (name ?? "chain")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-|-$/g, "") || "chain";
  return `${base}.${ext}`;
}
