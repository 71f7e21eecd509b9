// The entry point of the `cors-lens` binary (built to dist/cli/cors-lens.mjs).
import { mainAsync } from './cli';

process.exitCode = await mainAsync(process.argv.slice(2));
