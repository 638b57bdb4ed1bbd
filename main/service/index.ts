// The face of service/ to the rest of main: The citizen registers: 微心愿, 意见建议 and 矛盾纠纷调解; channels wishes.*,
// suggestions.*, disputes.*. Other domains import only what is exported here (tests/tools/check-layers.mjs).
import { disputeListHandlers } from './disputeList';
import { disputeHandlers } from './disputes';
import { suggestionListHandlers } from './suggestionList';
import { suggestionHandlers } from './suggestions';
import { wishHandlers } from './wishes';
import { wishListHandlers } from './wishList';

export { DISPUTES, disputeYear } from './disputeList';
export { inYear, type Register } from './figures';
export { SUGGESTIONS, suggestionYear } from './suggestionList';
export { WISHES, wishYear } from './wishList';

export const serviceChannels = {
  ...disputeListHandlers,
  ...disputeHandlers,
  ...suggestionListHandlers,
  ...suggestionHandlers,
  ...wishHandlers,
  ...wishListHandlers,
};
