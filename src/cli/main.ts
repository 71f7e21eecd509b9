// The entry point of the `cors-lens` binary (built to dist/cli/cors-lens.mjs).
import { main } from './cli';

process.exitCode = main(process.argv.slice(2));
