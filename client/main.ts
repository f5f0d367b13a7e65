import './fonts.ts';

/**
 * /wall and /district are full-screen views of their own, in place of the map app, which is
 * then not loaded at all: imported, <ct-app> would start (fetch a twin, run the engine worker,
 * open a live stream after it was already replaced) on a wall that runs for days.
 */
const views: Record<string, { tag: string; load: () => Promise<unknown> }> = {
  '/wall': { tag: 'ct-wall', load: () => import('./wall/ct-wall.ts') },
  '/district': { tag: 'ct-district', load: () => import('./district/ct-district.ts') },
};
const view = views[location.pathname.replace(/\/+$/, '')];
if (view) {
  document.querySelector('ct-app')?.replaceWith(document.createElement(view.tag));
  void view.load();
} else {
  void import('./components/ct-app.ts');
}
