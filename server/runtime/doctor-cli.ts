#!/usr/bin/env node
/**
 * `npm run doctor -- --email ada@example.com` in a clone, `npx referral-share doctor --email …`
 * where the package is installed (this file, built, is the package's `bin`): checks the Referral
 * Rock account the environment configures against what the widget needs. See server/doctor/.
 */
import { doctorCommand } from '../doctor/command.js';

const { exitCode, stdout, stderr } = await doctorCommand(process.argv.slice(2), { env: process.env });
for (const line of stderr) console.error(line);
for (const line of stdout) console.log(line);
process.exitCode = exitCode;
