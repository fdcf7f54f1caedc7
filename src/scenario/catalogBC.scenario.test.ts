import { describe } from "vitest";
import { catalogSuite } from "./catalogSuite";

describe("catalog B and C: the write-up's cases and sharp edges", () => catalogSuite(/^[bc]/));
