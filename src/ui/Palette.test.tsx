import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Palette } from "./Palette.tsx";

describe("Palette", () => {
  it("lists every node type by name with a description on hover", () => {
    render(<Palette />);
    for (const name of ["Prompt", "Model", "Parser", "Lambda", "Passthrough", "Retriever"]) {
      const item = screen.getByRole("button", { name });
      expect(item.getAttribute("title")).toMatch(/\w{5,}/);
    }
  });
});
