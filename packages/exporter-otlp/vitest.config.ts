import { defineOtlpxProject } from '../../vitest.project.js';

export default defineOtlpxProject('exporter-otlp', { testTimeout: 30_000 });
