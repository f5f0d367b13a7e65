/** Edit operations on a twin file (issue #7): types, and their pure application. */
export { EditError, type Edit, type EditIssue, type TwinFeatureJson } from './types.ts';
export { applyEdits, applyEditsWithChanges, type AppliedEdits, type EditChange } from './apply.ts';
