export { type DemoOptions, type DemoResult, runDemo } from './commands/demo.js';
export { main } from './main.js';
export { type Otlpx, type StartOptions, start } from './start.js';
