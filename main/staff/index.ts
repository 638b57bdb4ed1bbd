// The face of staff/ to the rest of main: Staff, their sign-in and the first start (人员、登录、首次启动): channels staff.*,
// session.*, setup.*, keys.*. Other domains import only what is exported here (tests/tools/check-layers.mjs).
import { sessionHandlers } from './session';
import { setupHandlers } from './setup';
import { staffHandlers } from './staff';

export const staffChannels = {
  ...sessionHandlers,
  ...setupHandlers,
  ...staffHandlers,
};
