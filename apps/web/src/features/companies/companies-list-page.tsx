import { PageHeader } from '../../components/page-header';

/** Placeholder until the page lands. */
export default function Page() {
  return <PageHeader title="companies-list-page" />;
}
