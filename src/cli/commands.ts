import type { CommandModule } from "./program.js";
import { initCommand } from "./init.js";
import { signCommand } from "./sign.js";
import { validateCommand } from "./validate.js";
import { owedCommand } from "./owed.js";
import { licensesCommand } from "./licenses.js";
import { lineageCommand } from "./lineage.js";
import { qfCommand } from "./qf.js";
import { registerCommand } from "./register.js";
import { payCommand } from "./pay.js";
import { reconcileCommand } from "./reconcile.js";
import { verifyCommand } from "./verify.js";
import { checkCommand } from "./check.js";
import { noticeCommand } from "./notice.js";
import { tagCommand } from "./tag.js";

/**
 * Every CLI command, one module per file. Adding a command is adding a file and one line here.
 */
export const commands: CommandModule[] = [initCommand, signCommand, validateCommand, licensesCommand, lineageCommand, qfCommand, registerCommand, owedCommand, payCommand, reconcileCommand, tagCommand, checkCommand, noticeCommand, verifyCommand];
