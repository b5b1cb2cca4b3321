/** The retrieval and calibration metrics live with `clara eval`; the bench uses the same code. */
export * from '@clara/server/eval';
