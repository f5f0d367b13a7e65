/** Apply streamed camera changes to the twin held by the page (no refetch of the whole twin). */
import type { TwinFile } from '../../engine/twin/types.ts';
import type { DeviceChange } from '../../server/events/bus.ts';

export function patchCameras(twin: TwinFile, changes: DeviceChange[]): TwinFile {
  const byId = new Map(changes.map((c) => [c.featureId, c]));
  return {
    ...twin,
    features: twin.features.map((f) => {
      const c = f.properties.kind === 'camera' ? byId.get(f.properties.id) : undefined;
      return c ? { ...f, properties: { ...f.properties, online: c.online, intact: c.intact, imageOut: c.imageOut } } : f;
    }),
  };
}
