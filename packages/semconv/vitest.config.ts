import { defineOtlpxProject } from '../../vitest.project.js';

export default defineOtlpxProject('semconv', { testTimeout: 120_000 });
