/** Shared set-up for the CLI test files (`cli-*.test.ts`): a temporary folder and the joke chain. */
import { afterAll } from "vitest";
import { chain, scripted, tempFolder } from "./testing.ts";

/** `--input` for the joke chain. */
export const TOPIC = ["--input", '{"topic":"parrots"}'];

/**
 * Makes a temporary folder (removed after the file's tests) and writes the joke chain into it:
 * prompt "tell me a joke about {topic}" → scripted model → string parser.
 * Call it at the top level of a test file.
 */
export function cliFixtures(): { tmp: ReturnType<typeof tempFolder>; joke: string } {
  const tmp = tempFolder();
  afterAll(() => tmp.cleanup());
  const joke = tmp.write(
    "joke.json",
    chain(
      "Joke",
      [
        {
          id: "p",
          type: "prompt",
          name: "joke_prompt",
          data: { messages: [{ role: "human", template: "tell me a joke about {topic}" }] },
        },
        {
          id: "m",
          type: "model",
          name: "joke_model",
          data: scripted(["Why did the parrot sit on the broom?"]),
        },
        { id: "o", type: "parser", data: { parser: "str" } },
      ],
      [
        { source: "p", target: "m" },
        { source: "m", target: "o" },
      ],
    ),
  );
  return { tmp, joke };
}
