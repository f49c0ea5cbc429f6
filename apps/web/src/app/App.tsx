/** The app: one router for the whole session of the tab. */
import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { createRouter } from './router.tsx';

/** Mounted once by main.tsx. */
export function App() {
  const [router] = useState(createRouter);
  return <RouterProvider router={router} />;
}
