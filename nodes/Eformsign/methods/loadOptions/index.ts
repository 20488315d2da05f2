export { getGroups } from './groups';
export { getMembers } from './members';
export { getTemplates } from './templates';
