export * from './decode-png';
export * from './read-zip';
export * from './teams-manifest-rules';
