export { getMembers } from './members';
export { getTemplates } from './templates';
