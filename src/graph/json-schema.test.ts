import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_ID, SCHEMA_PATH, chainJsonSchema } from "../../scripts/gen-schema.ts";
import { NODE_TYPES } from "./registry.ts";
import { CHAIN_FORMAT, CHAIN_VERSION } from "./schema.ts";

const committed = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as Record<string, unknown>;

describe("public/chain.schema.json", () => {
  it("is in sync with the zod schema (regenerate: npx tsx scripts/gen-schema.ts)", () => {
    expect(committed).toEqual(chainJsonSchema());
  });

  it("identifies itself and the format", () => {
    expect(committed).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: SCHEMA_ID,
      title: expect.any(String),
      description: expect.stringContaining(CHAIN_FORMAT),
      required: ["format", "version", "nodes", "edges"],
    });
    const props = committed.properties as Record<string, { const?: unknown }>;
    expect(props.format?.const).toBe(CHAIN_FORMAT);
    expect(props.version?.const).toBe(CHAIN_VERSION);
  });

  it("defines every node type, and allows unknown extra keys everywhere", () => {
    const defs = committed.$defs as Record<string, { additionalProperties?: unknown; description?: string }>;
    for (const type of NODE_TYPES) {
      const def = defs[`${type[0]!.toUpperCase()}${type.slice(1)}Node`];
      expect(def, type).toBeDefined();
      expect(def!.description, type).toBeTruthy();
      expect(def!.additionalProperties, type).toEqual({});
    }
    expect(committed.additionalProperties).toEqual({});
    expect(defs.Edge?.additionalProperties).toEqual({});
    expect(defs.Position?.additionalProperties).toEqual({});
  });
});
