/** HTTP calls of Partage du profil (the only HTTP of this feature). */
import { profileSchema, sharingSchema } from '@carnet/shared';
import type {
  AidantInvitationRequest,
  ChildActivationRequest,
  InvitationRequest,
  Profile,
  Sharing,
} from '@carnet/shared';
import { getJson, send, sendJson } from '../../app/http.ts';

/** Representatives, aidants and invitations of the selected profile and of the person. */
export function getSharing(): Promise<Sharing> {
  return getJson('/api/delegations', sharingSchema);
}

/** Invites the second legal representative of the selected (minor) profile. */
export function inviteRepresentative(input: InvitationRequest): Promise<void> {
  return send('POST', '/api/delegations/representatives', input);
}

/** Invites an aidant of the person's own profile. */
export function inviteAidant(input: AidantInvitationRequest): Promise<void> {
  return send('POST', '/api/delegations/aidants', input);
}

/** Accepts, refuses or ends an access or an invitation. */
export function changeDelegation(
  id: string,
  change: 'accept' | 'refuse' | 'revoke',
): Promise<void> {
  return send('POST', `/api/delegations/${encodeURIComponent(id)}/${change}`, {});
}

/** Activates a child's profile with the code the representative received. */
export function activateChild(input: ChildActivationRequest): Promise<Profile> {
  return sendJson('POST', '/api/delegations/children/activate', input, profileSchema);
}
