/** Entry of the server process: the only file that reads process.env. */
import { runCli } from './cli/cli.ts';

await runCli(process.argv.slice(2), process.env);
