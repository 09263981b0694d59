import { useEffect } from 'preact/hooks';
import { loginPath, navigate } from './router';
import { useSession } from './session';

/** Pages of one's own account: without a signed-in user, go and log in, then come back. */
export function useRequireUser() {
  const session = useSession();
  useEffect(() => {
    if (session.status === 'ready' && !session.user) navigate(loginPath(), { replace: true });
  }, [session.status, session.user]);
  return session.status === 'ready' ? session.user : null;
}
