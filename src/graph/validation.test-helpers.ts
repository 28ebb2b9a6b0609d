/** Shared by the validation tests. */
import { model, parser, pipeline, prompt } from "./fixtures/builders.ts";

/** A valid document: the guide's joke chain. */
export const joke = () =>
  pipeline(
    prompt("p", "tell me a joke about {topic}"),
    model("m", ["Why did the parrot ..."]),
    parser("o", "str"),
  );
