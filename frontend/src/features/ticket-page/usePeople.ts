import { useCallback, useEffect, useState } from 'react';
import { getCurrentUser, listAgents } from '../../api/agents';
import type { ApiError } from '../../api/client';
import type { AgentRef } from '../../api/workspace-types';

/**
 * The agents for the assignee picker, and who is signed in ("Assign to me"). A page that
 * already knows the signed-in agent passes it in, and no second request is made.
 */
export function usePeople(signedIn?: AgentRef | null) {
  const [agents, setAgents] = useState<AgentRef[] | null>(null);
  const [agentsError, setAgentsError] = useState<ApiError | null>(null);
  const [fetchedMe, setFetchedMe] = useState<AgentRef | null>(null);
  const [loadKey, setLoadKey] = useState(0);
  const known = signedIn !== undefined;

  useEffect(() => {
    const controller = new AbortController();
    setAgentsError(null);
    listAgents(controller.signal)
      .then((rows) => setAgents(rows))
      .catch((failure: ApiError) => {
        if (!controller.signal.aborted && !failure.aborted) setAgentsError(failure);
      });
    return () => controller.abort();
  }, [loadKey]);

  useEffect(() => {
    if (known) return;
    const controller = new AbortController();
    getCurrentUser(controller.signal)
      .then((user) => setFetchedMe({ id: user.id, name: user.name || user.username }))
      // Without it the page works; only "Assign to me" is left out.
      .catch(() => undefined);
    return () => controller.abort();
  }, [known]);

  const retryAgents = useCallback(() => setLoadKey((key) => key + 1), []);

  return { agents, agentsError, retryAgents, me: known ? signedIn : fetchedMe };
}
