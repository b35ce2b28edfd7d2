import type { DepthStream } from '../market/depthStream';
import type { FaultAction } from '../gatewayFaults';
import { ERR } from '../protocol/errorCodes';
import type { Session } from './session';

/** What one started session does when a fault event fires (the upstream flags are set by the gateway). */
export function applyFault(s: Session, a: FaultAction): void {
  switch (a.kind) {
    case 'dropMidMessage':
      if (a.clientId === undefined || a.clientId === s.clientId) s.dropMidMessage();
      return;
    case 'depthReset':
      for (const { reqId, handle } of s.subs.handles<DepthStream>('depth')) {
        s.error(reqId, ERR.DEPTH_RESET);
        handle.resend(s.ctx.feed.depth(handle.symbol));
      }
      return;
    case 'connectivityLost':
      return s.error(-1, ERR.CONNECTIVITY_LOST);
    case 'connectivityRestored':
      if (!a.dataKept) {
        s.subs.removeKind('mkt');
        s.subs.removeKind('depth');
        s.subs.removeKind('bars');
      }
      return s.error(-1, a.dataKept ? ERR.RESTORED_DATA_KEPT : ERR.RESTORED_DATA_LOST);
    case 'farmDown':
      return s.error(-1, a.farm === 'marketData' ? ERR.MD_FARM_BROKEN : ERR.HMDS_FARM_BROKEN);
    case 'farmUp':
      return s.error(-1, a.farm === 'marketData' ? ERR.MD_FARM_OK : ERR.HMDS_FARM_OK);
  }
}
