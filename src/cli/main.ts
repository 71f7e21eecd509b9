// The entry point of the `cors-lens` binary (built to dist/cli/cors-lens.mjs).
import { mainAsync } from './cli';

// `cors-lens har x.har | head`: a closed pipe ends the output, not in a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await mainAsync(process.argv.slice(2));
