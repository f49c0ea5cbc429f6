/** Wires the profile services together; deps.ts calls this once. */
import { createProProfileService } from './pro-profile.service.ts';
import type { ProfileDeps } from './profile.deps.ts';
import { createProfileService } from './profile.service.ts';
import { createSyntheseService } from './synthese.service.ts';
import { createVaccinationReminderJobHandler } from './vaccination-reminders.job.ts';

/** The services of the profile module and the handler of its reminder job. */
export function createProfileModule(deps: ProfileDeps) {
  const profile = createProfileService(deps);
  return {
    profile,
    professional: createProProfileService(deps),
    synthese: createSyntheseService(deps, profile),
    reminderJob: createVaccinationReminderJobHandler(deps),
  };
}

/** The profile module. */
export type ProfileModule = ReturnType<typeof createProfileModule>;
