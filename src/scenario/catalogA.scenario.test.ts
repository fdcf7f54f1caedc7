import { describe } from "vitest";
import { catalogSuite } from "./catalogSuite";

describe("catalog A: the Redis docs' examples", () => catalogSuite(/^a/));
