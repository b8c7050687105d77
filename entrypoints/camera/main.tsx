import { render } from 'preact';
import { CameraPermission } from '@/lib/pose/view/CameraPermission';
import '@/assets/pose-view.css';

render(<CameraPermission />, document.getElementById('app')!);
