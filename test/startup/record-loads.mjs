import { register } from "node:module";

register("./record-loads-hooks.mjs", import.meta.url);
