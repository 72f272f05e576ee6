/** Plain statistics used by the indicators: no dependencies, same code in browser and Node. */

export * from './wilson';
export * from './normal';
export * from './gamma';
export * from './binomial';
export * from './funnel';
export * from './km';
export * from './aalen-johansen';
export * from './logrank';
export * from './quantile';
