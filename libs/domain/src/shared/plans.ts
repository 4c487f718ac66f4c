export const PLANS = ['free', 'standard', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

/** Service accounts an organization may hold at once, per plan. */
export const SERVICE_ACCOUNT_QUOTA: Readonly<Record<Plan, number>> = { free: 5, standard: 250, enterprise: 1000 };
