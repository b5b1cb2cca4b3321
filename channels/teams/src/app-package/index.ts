export { teamsAppPackage } from './app-package';
export { manifestVersion, type TeamsManifestInput, teamsManifest } from './manifest';
