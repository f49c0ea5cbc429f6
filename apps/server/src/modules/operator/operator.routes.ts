/**
 * GET /api/public-config: what the web app shows before anyone signs in. The operator's identity
 * decides the header: the French State's bloc-marque (Marianne, "Liberté Égalité Fraternité") is
 * reserved to State services by the DSFR's terms, so it shows only with CARNET_OPERATOR_IS_STATE.
 */
import { publicConfigSchema } from '@carnet/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** The route's dependencies: two settings. */
export interface OperatorRoutesDeps {
  operatorName: string;
  operatorIsState: boolean;
}

/** Registers GET /api/public-config. */
export const operatorRoutes: FastifyPluginAsyncZod<OperatorRoutesDeps> = async (app, deps) => {
  app.get('/public-config', { schema: { response: { 200: publicConfigSchema } } }, async () => ({
    operatorName: deps.operatorName,
    operatorIsState: deps.operatorIsState,
  }));
};
