// The face of cards/ to the rest of main: 便民服务卡: issue, reissue and print service cards; channels cards.*. Other
// domains import only what is exported here (tests/tools/check-layers.mjs).
import { cardHandlers } from './cards';

export { currentCard, ISSUED_IN } from './cards';

export const cardsChannels = {
  ...cardHandlers,
};
