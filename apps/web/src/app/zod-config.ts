/**
 * Zod runs without its `new Function` fast path: the CSP has no 'unsafe-eval' and even a caught
 * probe would be reported as a violation. Imported first by main.tsx, before any schema exists.
 */
import { z } from 'zod';

z.config({ jitless: true });
