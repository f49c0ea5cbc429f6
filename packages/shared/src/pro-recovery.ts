/** Wire schemas of a professional's forgotten password (one-time code to the directory e-mail). */
import { z } from 'zod';
import { otpCodeSchema, passwordSchema } from './auth.ts';
import { rppsSchema } from './pro.ts';

/** Step 1/2: the RPPS number; the answer is always a flow id (no enumeration). */
export const proPasswordResetRequestSchema = z.strictObject({ rpps: rppsSchema });

/** Step 1/2's body. */
export type ProPasswordResetRequest = z.input<typeof proPasswordResetRequestSchema>;

/** Step 2/2: the code received by e-mail and the new password. */
export const proPasswordResetCompleteSchema = z.strictObject({
  flowId: z.string().min(1).max(128),
  code: otpCodeSchema,
  newPassword: passwordSchema,
});

/** Step 2/2's body. */
export type ProPasswordResetComplete = z.input<typeof proPasswordResetCompleteSchema>;
