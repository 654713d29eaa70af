import { defineOtlpxProject } from '../../vitest.project.js';

export default defineOtlpxProject('compat-sdk3');
