/** HTTP calls of sign-in, activation, opposition and recovery (the only HTTP of this feature). */
import type { z } from 'zod';
import {
  codeSentSchema,
  loginResponseSchema,
  meSchema,
  recoveryAcceptedSchema,
} from '@carnet/shared';
import type {
  ActivationRequest,
  Channel,
  CodeSent,
  LoginRequest,
  LoginResponse,
  Me,
  OppositionRequest,
  RecoveryRequest,
  passwordResetCompleteSchema,
} from '@carnet/shared';
import { getJson, send, sendJson } from '../../app/http.ts';

/** Body of `POST /api/auth/password-reset/complete`. */
export type PasswordResetComplete = z.output<typeof passwordResetCompleteSchema>;

/** The signed-in person, or an ApiError 401 `auth.required`. */
export function getMe(): Promise<Me> {
  return getJson('/api/me', meSchema);
}

/** Step 1/3: identifiant + password; answers the channels offered for the one-time code. */
export function login(body: LoginRequest): Promise<LoginResponse> {
  return sendJson('POST', '/api/auth/login', body, loginResponseSchema);
}

/** Step 2/3 (and "Renvoyer un code"): send a one-time code on the chosen channel. */
export function requestCode(channel: Channel): Promise<CodeSent> {
  return sendJson('POST', '/api/auth/login/code', { channel }, codeSentSchema);
}

/** Step 3/3: the one-time code opens the session. */
export function verifyCode(code: string): Promise<Me> {
  return sendJson('POST', '/api/auth/login/verify', { code }, meSchema);
}

/** Ends the session server-side. */
export function logout(): Promise<void> {
  return send('POST', '/api/auth/logout');
}

/** Activates a profile with the code provisoire; the person then signs in. */
export function activate(body: ActivationRequest): Promise<void> {
  return send('POST', '/api/auth/activate', body);
}

/** Opposes the creation of the profile (it is closed). */
export function oppose(body: OppositionRequest): Promise<void> {
  return send('POST', '/api/auth/oppose', body);
}

/** Sends the identifiant to the stored e-mail or phone; same answer whether the person exists or not. */
export async function forgotIdentifiant(body: RecoveryRequest): Promise<void> {
  await sendJson('POST', '/api/auth/forgot-identifiant', body, recoveryAcceptedSchema);
}

/** Starts a password reset: a one-time code is sent; answers the flow to complete. */
export async function startPasswordReset(body: RecoveryRequest): Promise<string> {
  const { flowId } = await sendJson(
    'POST',
    '/api/auth/password-reset',
    body,
    recoveryAcceptedSchema,
  );
  return flowId;
}

/** Completes a password reset with the code and the new password (every session ends). */
export function completePasswordReset(body: PasswordResetComplete): Promise<void> {
  return send('POST', '/api/auth/password-reset/complete', body);
}
