import { useEffect, useState } from 'react';
import { listAgents } from '../../api/agents';
import type { AgentRef } from '../../api/workspace-types';

/** The active agents, for the assignee filter and bulk assignment (empty until known). */
export function useAgents(): AgentRef[] {
  const [agents, setAgents] = useState<AgentRef[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    listAgents(controller.signal)
      .then(setAgents)
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return agents;
}
