export { searchDocuments } from './documents';
export { searchGroups } from './groups';
export { searchMembers } from './members';
export { searchStamps } from './stamps';
export { searchTemplates } from '../../../shared/templateSearch';
