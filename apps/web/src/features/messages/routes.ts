/** Routes of the messaging, each page in a chunk of its own (loaded on first visit). */
import type { RouteObject } from 'react-router';

/** The patient's `/messages` and `/messages/:id`, children of the signed-in shell. */
export const messagesRoutes: RouteObject[] = [
  {
    path: 'messages',
    lazy: async () => ({ Component: (await import('./pages/MessagesPage.tsx')).MessagesPage }),
  },
  {
    path: 'messages/:id',
    lazy: async () => ({
      Component: (await import('./pages/ConversationPage.tsx')).ConversationPage,
    }),
  },
];

/** The professional's Messagerie, children of the professional space's guard. */
export const proMessagesRoutes: RouteObject[] = [
  {
    path: 'messages',
    lazy: async () => ({
      Component: (await import('./pages/ProMessagesPage.tsx')).ProMessagesPage,
    }),
  },
  {
    path: 'messages/:id',
    lazy: async () => ({
      Component: (await import('./pages/ProConversationPage.tsx')).ProConversationPage,
    }),
  },
  {
    path: 'patients/:patientId/nouveau-message',
    lazy: async () => ({
      Component: (await import('./pages/NewConversationPage.tsx')).NewConversationPage,
    }),
  },
];
