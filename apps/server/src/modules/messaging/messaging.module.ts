/** Wires the messaging services together; deps.ts calls this once. */
import { createConversationsCore } from './conversations.service.ts';
import type { MessagingDeps } from './messaging.deps.ts';
import { createMessagingMaintenance } from './messaging-maintenance.service.ts';
import { createPatientMessagingService } from './patient-messaging.service.ts';
import { createProMessagingService } from './pro-messaging.service.ts';

/** The services of the messaging module. */
export function createMessagingModule(deps: MessagingDeps) {
  const core = createConversationsCore(deps);
  return {
    patient: createPatientMessagingService(deps, core),
    professional: createProMessagingService(deps, core),
    maintenance: createMessagingMaintenance(deps),
  };
}

/** The messaging module. */
export type MessagingModule = ReturnType<typeof createMessagingModule>;
