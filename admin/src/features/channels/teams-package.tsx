import { DownloadButton } from '../../components/download-button';

/**
 * The Teams app package (manifest.json and icons for the workspace's bot and this server), with
 * where to upload it; offered once a bot is connected and the server has an https URL.
 */
export function TeamsPackage(props: { hasBot: boolean; https: boolean }) {
  const missing = [
    props.hasBot ? null : 'connect a Teams bot',
    props.https ? null : 'set CLARA_PUBLIC_URL to an https address',
  ].filter(Boolean);
  return (
    <div className="teams-package" data-testid="teams-package">
      <strong>Teams app package</strong>
      <p className="muted">
        A zip with the app manifest for your bot and this server, and icons in your brand colour, named after
        your assistant (Settings). Upload it in the Teams admin center (Teams apps → Manage apps → Upload new
        app) for your organisation, or in Teams itself (Apps → Manage your apps → Upload an app) to try it
        first. Download it again after changing the name or colour: each package has a higher version, so it
        replaces the last one.
      </p>
      <div className="endpoint">
        {missing.length === 0 ? (
          <DownloadButton
            path="/admin/channels/teams/app-package"
            fileName="clara-teams-app.zip"
            label="Download app package"
          />
        ) : (
          <span className="muted">To download it, {missing.join(' and ')}.</span>
        )}
      </div>
    </div>
  );
}
