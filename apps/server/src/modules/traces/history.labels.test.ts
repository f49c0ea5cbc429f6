import { describe, expect, it } from 'vitest';
import { actionLabel, targetLabel } from './history.labels.ts';

const label = (action: string, more: Partial<Parameters<typeof actionLabel>[0]> = {}) =>
  actionLabel({ action, outcome: 'success', details: {}, ...more });

describe('the French of a history line', () => {
  it.each([
    ['auth.sign_in', 'Connexion'],
    ['document.read', 'Consultation du document'],
    ['document.add', 'Ajout du document'],
    ['access.block', 'Blocage d’un professionnel'],
    ['access.consent', 'Autorisation d’accès donnée au professionnel'],
    ['record.read', 'Consultation du profil'],
    ['history.export', 'Export de l’historique d’activité'],
  ])('names %s "%s"', (action, expected) => {
    expect(label(action)).toBe(expected);
  });

  it('names an emergency access by who opened it', () => {
    expect(label('access.emergency_open', { details: { emergencyMode: 'samu' } })).toBe(
      'Accès en urgence (SAMU)',
    );
    expect(label('access.emergency_open', { details: { emergencyMode: 'bris-de-glace' } })).toBe(
      'Accès en urgence (bris de glace)',
    );
  });

  it('says when an attempt was refused or failed', () => {
    expect(label('document.read', { outcome: 'denied' })).toBe('Consultation du document (refusé)');
    expect(label('document.add', { outcome: 'failure' })).toBe('Ajout du document (échec)');
    expect(label('auth.sign_in', { outcome: 'failure' })).toBe('Tentative de connexion échouée');
  });

  it('names who sent a message ("Message envoyé par …")', () => {
    const sent = { action: 'message.send', outcome: 'success' as const, details: {} };
    expect(actionLabel({ ...sent, actorName: 'Ndiaye Adama' })).toBe(
      'Message envoyé par Ndiaye Adama',
    );
    expect(actionLabel(sent)).toBe('Message envoyé');
    expect(actionLabel({ ...sent, outcome: 'denied', actorName: 'Durand Paul' })).toBe(
      'Message envoyé par Durand Paul (refusé)',
    );
  });

  it('tells an e-mail change from a mobile change', () => {
    expect(label('account.contact_change', { details: { kind: 'email' } })).toBe(
      'Modification de l’adresse e-mail',
    );
    expect(label('account.contact_change', { details: { kind: 'mobile' } })).toBe(
      'Modification du numéro de téléphone mobile',
    );
  });

  it('falls back on the verb of an unknown action, then on a generic sentence', () => {
    expect(label('vaccination.read')).toBe('Consultation');
    expect(label('measure.delete')).toBe('Suppression');
    expect(label('something.strange')).toBe('Action sur le profil');
  });

  it('names the object: a document by its title or generically, a rubrique, nothing for a session', () => {
    expect(targetLabel({ type: 'document', id: 'doc_1', name: 'Compte rendu' })).toBe(
      'Compte rendu',
    );
    expect(targetLabel({ type: 'document', id: 'doc_1' })).toBe('Un document');
    expect(targetLabel({ type: 'rubrique', id: 'vaccinations' })).toBe('Vaccinations');
    expect(targetLabel({ type: 'rubrique', id: 'inconnue' })).toBe('Une rubrique du profil');
    expect(targetLabel({ type: 'professional', id: 'ps_1', name: 'Ndiaye Adama' })).toBe(
      'Ndiaye Adama',
    );
    expect(targetLabel({ type: 'session', id: 'ses_1' })).toBeNull();
    expect(targetLabel({ type: null, id: null })).toBeNull();
  });
});
