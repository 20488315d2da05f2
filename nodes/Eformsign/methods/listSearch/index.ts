export { searchDocuments } from './documents';
export { searchGroups } from './groups';
export { searchMembers } from './members';
export { searchTemplates } from '../../../shared/templateSearch';
