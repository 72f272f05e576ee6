/**
 * Okabe–Ito colours: distinguishable with the common forms of colour blindness and
 * readable on white; black text labels sit beside the bars, never on them.
 */
export const PALETTE = ['#0072B2', '#009E73', '#D55E00', '#CC79A7', '#E69F00', '#56B4E9', '#666666'];
