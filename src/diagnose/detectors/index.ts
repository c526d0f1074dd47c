// Every detector diagnose runs, in report order within each pattern.
import type { Detector } from '../detector.js';
import { abandonedPairs } from './abandoned-pairs.js';
import { agentOutliers } from './agent-outliers.js';
import { avoidableHandoffs } from './avoidable-handoffs.js';
import { bouncingConversations } from './bouncing-conversations.js';
import { channelRestarts } from './channel-restarts.js';
import { coldDrops } from './cold-drops.js';
import { coldTransfers } from './cold-transfers.js';
import { lostThreads } from './lost-threads.js';
import { lowSuccessPairs } from './low-success-pairs.js';
import { midExchangeHandoffs } from './mid-exchange-handoffs.js';
import { misroutedCategories } from './misrouted-categories.js';
import { outOfHours } from './out-of-hours.js';
import { pingPongPairs } from './ping-pong-pairs.js';
import { prematureHandoffs } from './premature-handoffs.js';
import { repeatExplanation } from './repeat-explanation.js';
import { reviewDelays } from './review-delays.js';
import { shiftEndHandoffs } from './shift-end-handoffs.js';
import { slowHandoffPairs } from './slow-handoff-pairs.js';

export const DETECTORS: readonly Detector[] = Object.freeze([
  coldTransfers,
  repeatExplanation,
  reviewDelays,
  pingPongPairs,
  lowSuccessPairs,
  agentOutliers,
  bouncingConversations,
  misroutedCategories,
  slowHandoffPairs,
  abandonedPairs,
  lostThreads,
  channelRestarts,
  avoidableHandoffs,
  prematureHandoffs,
  midExchangeHandoffs,
  outOfHours,
  coldDrops,
  shiftEndHandoffs,
]);
